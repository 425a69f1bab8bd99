package io.streamlytics.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PortsTest {
    @Test
    void portsChosenTogetherAreDifferentAndFree() {
        int[] ports = Ports.free(12);

        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(12);
        assertThat(Arrays.stream(ports).allMatch(Ports::isFree)).isTrue();
    }
}
