package io.physcast.model.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choice of device and the fallback, on whatever machine runs the tests. */
class ComputeDeviceTest {
    private final List<String> said = new ArrayList<>();

    @Test
    void cpuIsTheCpuWithoutAWord() {
        assertEquals(ComputeDevice.CPU, ComputeDevice.choose("cpu", said::add));
        assertEquals(List.of(), said);
    }

    @Test
    void cudaTakesTheGpuOrFallsBackWithOneLineSayingWhy() {
        ComputeDevice d = ComputeDevice.choose("cuda", said::add);
        String why = CudaRuntime.unavailableReason();
        assertEquals(1, said.size(), said.toString());
        if (why == null) {
            assertEquals(ComputeDevice.CUDA, d);
            assertTrue(said.get(0).startsWith("device: "), said.get(0));
        } else {
            assertEquals(ComputeDevice.CPU, d);
            assertEquals("device: no usable GPU (" + why + "); running on the CPU", said.get(0));
            assertTrue(!why.isBlank());
        }
    }

    @Test
    void autoFallsBackQuietly() {
        ComputeDevice d = ComputeDevice.choose("auto", said::add);
        if (CudaRuntime.unavailableReason() == null) {
            assertEquals(ComputeDevice.CUDA, d);
        } else {
            assertEquals(ComputeDevice.CPU, d);
            assertEquals(List.of(), said);
        }
    }

    @Test
    void withoutAGpuTheRuntimeSaysWhyEveryTime() {
        String why = CudaRuntime.unavailableReason();
        if (why != null) {
            CudaException e = assertThrows(CudaException.class, CudaRuntime::get);
            assertEquals(why, e.getMessage());
        }
    }

    @Test
    void anUnknownDeviceIsAnError() {
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ComputeDevice.choose("tpu", said::add));
        assertEquals("--device must be cpu, cuda or auto, not 'tpu'", e.getMessage());
    }
}
