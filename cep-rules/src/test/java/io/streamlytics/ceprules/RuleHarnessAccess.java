package io.streamlytics.ceprules;

import org.apache.flink.test.junit5.MiniClusterExtension;

/** The harness's cluster for tests in other packages. */
public final class RuleHarnessAccess {
    private RuleHarnessAccess() {}

    public static MiniClusterExtension cluster() {
        return RuleHarness.cluster();
    }
}
