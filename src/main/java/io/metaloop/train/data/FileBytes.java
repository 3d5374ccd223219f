package io.metaloop.train.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads a whole file into memory, decompressing it when it starts with the gzip magic bytes
 * (the name is not trusted: {@code .gz} files are often stored decompressed, and the reverse).
 * One bulk read is much faster than parsing through a stream byte by byte.
 */
final class FileBytes {

    private FileBytes() {
    }

    /** The file's content, decompressed if it is gzip data. */
    static byte[] read(Path file) {
        requireFile(file);
        try {
            byte[] raw = Files.readAllBytes(file);
            return isGzip(raw) ? gunzip(file, raw) : raw;
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new DataException(file + ": permission denied");
        } catch (IOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The content of a class-path resource next to this class, decompressed if gzip data. */
    static byte[] resource(String name) {
        try (InputStream in = FileBytes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new DataException(name + ": resource missing from the metaloop jar (a broken build?)");
            }
            byte[] raw = in.readAllBytes();
            return isGzip(raw) ? gunzip(Path.of(name), raw) : raw;
        } catch (IOException e) {
            throw new DataException(name + ": cannot read the built-in resource (" + e.getMessage() + ")", e);
        }
    }

    /** Fails with a clear message unless {@code file} is an existing regular file. */
    static void requireFile(Path file) {
        if (Files.isDirectory(file)) {
            throw new DataException(file + ": is a directory, expected a file");
        }
        if (!Files.exists(file)) {
            throw new DataException(file + ": no such file");
        }
    }

    static boolean isGzip(byte[] b) {
        return b.length >= 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
    }

    private static byte[] gunzip(Path file, byte[] raw) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw), 1 << 16)) {
            return in.readAllBytes();
        } catch (EOFException e) {
            throw new DataException(file + ": truncated gzip data (the file ends early; download it again?)", e);
        } catch (ZipException e) {
            throw new DataException(file + ": damaged gzip data (" + e.getMessage() + ")", e);
        }
    }
}
