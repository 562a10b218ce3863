package dev.keel.platform.web;

import java.util.concurrent.CountDownLatch;

/** Lets tests of other packages steer the probe's slow endpoint. */
public final class ProbeAccess {

    private ProbeAccess() {}

    public static CountDownLatch slowStarted() {
        return ProbeController.SLOW_STARTED;
    }

    public static void releaseSlow() {
        ProbeController.SLOW_RELEASE.countDown();
    }
}
