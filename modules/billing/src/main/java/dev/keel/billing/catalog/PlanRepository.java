package dev.keel.billing.catalog;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface PlanRepository extends JpaRepository<Plan, String> {

    /** FOR SHARE: subscribers read a plan concurrently; a repricing admin waits for them (and they for it). */
    @Lock(LockModeType.PESSIMISTIC_READ)
    @Query("select p from Plan p where p.code = :code")
    Optional<Plan> lockForShare(String code);

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Plan p where p.code = :code")
    Optional<Plan> lockForUpdate(String code);

    List<Plan> findByStatusOrderByPriceAmountAscCodeAsc(PlanStatus status);
}
