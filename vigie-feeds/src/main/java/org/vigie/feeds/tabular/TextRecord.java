package org.vigie.feeds.tabular;

import java.util.List;

/**
 * One record of a tabular document as read, before any mapping: where it starts, its exact text (for the
 * quarantine and for re-sending it in chunks) and, for CSV, its fields.
 *
 * @param line    the physical line on which the record starts (1-based, counting every line of the document)
 * @param lines   how many physical lines it spans (a quoted CSV field may hold line breaks)
 * @param text    the record's text without its line terminator, cut at {@link TextRecords#MAX_RECORD_CHARS}
 * @param fields  CSV fields, unquoted; empty for JSON Lines
 * @param problem why the text could not be split into fields cleanly, or null
 */
record TextRecord(int line, int lines, String text, List<String> fields, String problem) {
}
