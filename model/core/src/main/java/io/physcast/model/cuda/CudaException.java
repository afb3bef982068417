package io.physcast.model.cuda;

/** A CUDA, driver or cuBLAS call that did not succeed, with the call and its code. */
public final class CudaException extends RuntimeException {
    CudaException(String message) {
        super(message);
    }
}
