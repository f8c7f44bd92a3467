package io.github.npmprovenance.registry;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** What went wrong with a file, for people: Java names only the file for the commonest failures. */
public final class FileErrors {
    private FileErrors() {
    }

    public static String describe(Exception e) {
        if (e instanceof FileSystemException f && f.getReason() == null) {
            String what = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof NoSuchFileException ? "no such file or directory"
                    // what creating a directory, or a file in one, answers where a file is in the way
                    : e instanceof FileAlreadyExistsException ? "exists and is not a directory"
                    : e instanceof NotDirectoryException ? "not a directory"
                    : e.getClass().getSimpleName();
            return f.getFile() + ": " + what;
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
