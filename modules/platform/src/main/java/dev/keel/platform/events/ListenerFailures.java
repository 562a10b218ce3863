package dev.keel.platform.events;

import dev.keel.platform.web.DatabaseUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.scheduling.annotation.AsyncConfigurer;
import org.springframework.stereotype.Component;

/**
 * How a failed asynchronous event listener is logged. Its publication stays incomplete and is resubmitted, so
 * nothing is lost either way; a listener that failed because the database went away (it could not even record
 * the failure) is expected during an outage and logged in one line, anything else as an error with its stack.
 * The executor stays Spring Boot's.
 */
@Component
class ListenerFailures implements AsyncConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerFailures.class);

    @Override
    public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
        return (ex, method, params) -> {
            DatabaseUnavailable.logFailure(
                    LOG,
                    "Event listener " + method.getDeclaringClass().getSimpleName() + "." + method.getName(),
                    "its publication is resubmitted",
                    ex);
        };
    }
}
