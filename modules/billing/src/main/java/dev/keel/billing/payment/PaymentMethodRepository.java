package dev.keel.billing.payment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

public interface PaymentMethodRepository extends JpaRepository<PaymentMethod, UUID> {

    Optional<PaymentMethod> findByIdAndUserId(UUID id, UUID userId);

    List<PaymentMethod> findByUserIdOrderByIdDesc(UUID userId);

    /** Newest first, starting after the cursor id. */
    @Query("""
            select m from PaymentMethod m
            where m.userId = :userId and (:after is null or m.id < :after)
            order by m.id desc
            """)
    List<PaymentMethod> findPage(UUID userId, @Nullable UUID after, Limit limit);

    boolean existsByUserId(UUID userId);

    Optional<PaymentMethod> findByUserIdAndDefaultMethodTrue(UUID userId);

    @Modifying
    @Query("delete from PaymentMethod m where m.userId = :userId")
    int deleteAllOf(UUID userId);
}
