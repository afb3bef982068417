package io.physcast.model.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * One line for a failed file operation, for the command lines' {@code error:} output: the NIO
 * exceptions carry only the path as their message, which alone does not say what went wrong.
 */
public final class IoErrors {
    private IoErrors() {}

    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file or folder: " + n.getFile();
        }
        if (e instanceof FileAlreadyExistsException x) {
            return "a file is in the way (expected a folder or nothing): " + x.getFile();
        }
        if (e instanceof NotDirectoryException d) {
            return "not a folder: " + d.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /** The wrapper's own message (what was being done) and then the cause described. */
    public static String describe(UncheckedIOException e) {
        String cause = describe(e.getCause());
        return e.getMessage() == null || e.getMessage().equals(e.getCause().toString())
                ? cause
                : e.getMessage() + ": " + cause;
    }
}
