package cn.finalaccounts.workbook;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.openxml4j.util.ZipEntrySource;

/**
 * The workbook's zip archive, held in memory as sent and inflated part by part while the XML is parsed. Every byte
 * inflated is counted: a part past {@link WorkbookLimits#maxPartBytes()}, all parts together past
 * {@link WorkbookLimits#maxInflatedBytes()}, or a part that inflates more than 1 : 1/{@code minInflateRatio} once past
 * the grace size stops the reading with a {@link WorkbookRefusal}, before the bomb has gone off.
 */
final class GuardedZip implements ZipEntrySource {
    private final ZipFile zip;
    private final WorkbookLimits limits;
    private long inflated;
    private boolean closed;

    GuardedZip(byte[] bytes, WorkbookLimits limits) throws IOException {
        this.zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get();
        this.limits = limits;
        int parts = 0;
        for (Enumeration<ZipArchiveEntry> e = zip.getEntries(); e.hasMoreElements(); e.nextElement()) {
            if (++parts > limits.maxParts()) {
                zip.close();
                throw new WorkbookRefusal("the archive has more than " + limits.maxParts()
                        + " parts; an Excel workbook of the 公开 tables has a few dozen");
            }
        }
    }

    @Override
    public Enumeration<? extends ZipArchiveEntry> getEntries() {
        return zip.getEntries();
    }

    @Override
    public ZipArchiveEntry getEntry(String path) {
        return zip.getEntry(path);
    }

    @Override
    public InputStream getInputStream(ZipArchiveEntry entry) throws IOException {
        return new Counted(zip.getInputStream(entry), entry);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        zip.close();
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private final class Counted extends FilterInputStream {
        private final ZipArchiveEntry entry;
        private long count;

        Counted(InputStream in, ZipArchiveEntry entry) {
            super(in);
            this.entry = entry;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            inflated += n;
            if (count > limits.maxPartBytes()) {
                throw bomb("its part " + entry.getName() + " inflates to more than " + mib(limits.maxPartBytes()));
            }
            if (inflated > limits.maxInflatedBytes()) {
                throw bomb("its parts inflate to more than " + mib(limits.maxInflatedBytes()) + " together");
            }
            long compressed = entry.getCompressedSize();
            if (count > limits.ratioGraceBytes() && compressed >= 0
                    && (double) compressed / count < limits.minInflateRatio()) {
                throw bomb("its part " + entry.getName() + " inflates more than "
                        + Math.round(1 / limits.minInflateRatio()) + " times (" + compressed + " bytes to more than "
                        + count + ")");
            }
        }
    }

    private static WorkbookRefusal bomb(String what) {
        return new WorkbookRefusal("the workbook was refused because " + what
                + ", which no real workbook does (a zip bomb?); nothing was read");
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
