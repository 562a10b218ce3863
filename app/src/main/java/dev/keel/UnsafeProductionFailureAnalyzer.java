package dev.keel;

import dev.keel.ProductionSafeguard.UnsafeProductionConfiguration;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused production start as a configuration problem, one line per offending setting. */
class UnsafeProductionFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeProductionConfiguration> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeProductionConfiguration cause) {
        var description = new StringBuilder("The prod profile refuses to start with development settings:\n");
        cause.reasons().forEach(reason -> description.append("\n    - ").append(reason));
        return new FailureAnalysis(
                description.toString(),
                "Remove these settings (and the 'dev' profile) from the production environment; see"
                        + " config/keel.env.example for what production needs.",
                cause);
    }
}
