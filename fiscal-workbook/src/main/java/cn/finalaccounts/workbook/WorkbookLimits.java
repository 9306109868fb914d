package cn.finalaccounts.workbook;

/**
 * How much a workbook may hold before it is refused, far above any real 决算 (the seed report is 26 kB; a 10 MB
 * workbook with every table full holds a few hundred thousand cells, its largest sheet some tens of megabytes of
 * XML) and far below what would hurt the service.
 *
 * <p>A zip bomb is stopped while it inflates: every part is read as a stream and counted, never inflated whole into
 * memory. POI's own guard ({@code ZipSecureFile.setMinInflateRatio}, {@code setMaxEntrySize}) only watches parts
 * opened through a file-backed {@code ZipSecureFile} or inflated in full by {@code OPCPackage.open(InputStream)}; the
 * reader opens the archive in memory and lazily instead, so it applies the same three limits itself, with the same
 * meaning as POI's settings.
 */
public record WorkbookLimits(long maxWorkbookBytes, long maxPartBytes, long maxInflatedBytes, double minInflateRatio,
        long ratioGraceBytes, int maxParts, long maxTextChars, int maxFilledCells) {

    /** The limits the services use. */
    public static final WorkbookLimits DEFAULT = new WorkbookLimits(
            32L << 20,      // the workbook itself (the caller's body limit is smaller)
            256L << 20,     // one part inflated (POI's setMaxEntrySize)
            512L << 20,     // all parts inflated together
            0.01,           // compressed ÷ inflated below 1 % past the grace: a bomb (POI's setMinInflateRatio default)
            1L << 20,       // parts smaller than this are never ratio-checked (POI's grace entry size is 100 KiB)
            1_000,          // parts in the archive (POI's setMaxFileCount)
            10_000_000,     // characters of text in all cells (POI's setMaxTextSize)
            500_000);       // cells with content in all sheets
}
