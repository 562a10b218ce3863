package dev.keel.billing.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Invoice numbers against the real database: from 1 in every year, consecutive without gaps, also when a
 * transaction rolls back and when many transactions issue at once.
 */
@ApplicationModuleTest
class InvoiceNumberTests {

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void everyYearCountsFromOne() {
        assertThat(next(2101)).isEqualTo(1);
        assertThat(next(2101)).isEqualTo(2);
        assertThat(next(2102)).isEqualTo(1);
        assertThat(next(2101)).isEqualTo(3);
    }

    @Test
    void aRolledBackNumberIsIssuedAgain() {
        assertThat(next(2103)).isEqualTo(1);

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> {
                    assertThat(invoices.nextNumber(2103)).isEqualTo(2);
                    throw new IllegalStateException("the charge failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(next(2103)).isEqualTo(2);
    }

    @Test
    void concurrentIssuersGetConsecutiveNumbersWithoutGapsOrRepeats() throws Exception {
        var threads = 8;
        var each = 25;
        var numbers = new ConcurrentLinkedQueue<Long>();
        var start = new CountDownLatch(1);
        var work = new ArrayList<Callable<Void>>();
        for (var thread = 0; thread < threads; thread++) {
            work.add(() -> {
                start.await();
                for (var i = 0; i < each; i++) {
                    numbers.add(next(2104));
                }
                return null;
            });
        }
        try (var pool = Executors.newFixedThreadPool(threads)) {
            var futures = work.stream().map(pool::submit).toList();
            start.countDown();
            for (var future : futures) {
                future.get();
            }
        }

        assertThat(numbers)
                .containsExactlyInAnyOrderElementsOf(
                        LongStream.rangeClosed(1, threads * each).boxed().toList());
    }

    private long next(int year) {
        var number = transactions.execute(status -> invoices.nextNumber(year));
        assertThat(number).isNotNull();
        return number;
    }
}
