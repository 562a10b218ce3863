package dev.keel.platform.tracing;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.modulith.events.core.EventSerializer;

@Configuration(proxyBeanMethods = false)
class TracingConfiguration {

    @Bean
    TraceContexts traceContexts(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new TraceContexts(
                tracer.getIfAvailable(() -> Tracer.NOOP), propagator.getIfAvailable(() -> Propagator.NOOP));
    }

    /** Event publications carry the trace they were published in ({@link TracedEventSerializer}). */
    @Bean
    static BeanPostProcessor tracedEventSerializer(ObjectProvider<TraceContexts> traces) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventSerializer serializer && !(bean instanceof TracedEventSerializer)
                        ? new TracedEventSerializer(serializer, traces)
                        : bean;
            }
        };
    }

    /**
     * Each application module listener (Spring Modulith's broker externalizer among them) works in a span of
     * its own, a child of the span its event was published in, also when the event is resubmitted from
     * its stored publication, after a restart or on another replica. The advice runs on the listener's own
     * thread, around its transaction.
     */
    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor listenerTracing(ObjectProvider<TraceContexts> traces) {
        MethodInterceptor interceptor = invocation -> {
            var arguments = invocation.getArguments();
            if (arguments.length == 0 || arguments[0] == null) {
                return invocation.proceed();
            }
            var event = arguments[0];
            var method = invocation.getMethod();
            var name = "%s %s.%s"
                    .formatted(
                            event.getClass().getSimpleName(),
                            method.getDeclaringClass().getSimpleName(),
                            method.getName());
            var contexts = traces.getObject();
            return contexts.continuing(contexts.knownFor(event), name, invocation::proceed);
        };
        var advisor = new DefaultPointcutAdvisor(
                AnnotationMatchingPointcut.forMethodAnnotation(ApplicationModuleListener.class), interceptor);
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }
}
