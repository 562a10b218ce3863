package dev.keel.billing;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface PlanRepository extends JpaRepository<Plan, String> {

    List<Plan> findByStatusOrderByPriceAmountAscCodeAsc(PlanStatus status);
}
