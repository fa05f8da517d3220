package bloghome.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run found: Markdown tables for {@code docs/benchmarks.md} and the same figures, one per
 * line, for {@code docs/benchmarks.csv}.
 */
final class Report {

  /** One figure for the CSV file. */
  record Figure(
      String section,
      String subject,
      String metric,
      String value,
      String unit,
      int samples,
      String ratioTo,
      String ratio,
      String target,
      String verdict) {

    /** A figure with no ratio, target or verdict. */
    static Figure plain(
        String section, String subject, String metric, String value, String unit, int samples) {
      return new Figure(section, subject, metric, value, unit, samples, "", "", "", "");
    }
  }

  private record Table(
      String title,
      String intro,
      List<String> headers,
      List<List<String>> rows,
      List<String> notes) {}

  private final List<Table> tables = new ArrayList<>();
  private final List<Figure> figures = new ArrayList<>();
  private final List<String> runNotes = new ArrayList<>();

  /** Starts a table; rows and notes are added to the returned builder. */
  TableBuilder table(String title, String intro, String... headers) {
    Table table = new Table(title, intro, List.of(headers), new ArrayList<>(), new ArrayList<>());
    tables.add(table);
    return new TableBuilder(table);
  }

  void figure(Figure figure) {
    figures.add(figure);
  }

  /** Something about the whole run the reader must know: a skipped function, a failed sample. */
  void note(String text) {
    runNotes.add(text);
    System.out.println("bench: " + text);
  }

  static final class TableBuilder {
    private final Table table;

    private TableBuilder(Table table) {
      this.table = table;
    }

    TableBuilder row(Object... cells) {
      List<String> row = new ArrayList<>();
      for (Object cell : cells) {
        row.add(cell == null ? "" : cell.toString());
      }
      table.rows().add(row);
      return this;
    }

    TableBuilder note(String text) {
      table.notes().add(text);
      return this;
    }
  }

  void write(Path outDir, String preamble, String machine) throws IOException {
    Files.createDirectories(outDir);
    StringBuilder md = new StringBuilder(preamble);
    md.append("\n## This run\n\n").append(machine).append('\n');
    if (!runNotes.isEmpty()) {
      md.append('\n');
      for (String note : runNotes) {
        md.append("- ").append(note).append('\n');
      }
    }
    for (Table table : tables) {
      md.append("\n## ").append(table.title()).append("\n\n");
      if (!table.intro().isBlank()) {
        md.append(table.intro().strip()).append("\n\n");
      }
      md.append("| ").append(String.join(" | ", table.headers())).append(" |\n");
      md.append("|").append("---|".repeat(table.headers().size())).append('\n');
      for (List<String> row : table.rows()) {
        md.append("| ")
            .append(String.join(" | ", row.stream().map(Report::cell).toList()))
            .append(" |\n");
      }
      if (table.rows().isEmpty()) {
        md.append("| ")
            .append("(nothing measured: see the notes of this run)")
            .append(" |".repeat(table.headers().size()))
            .append('\n');
      }
      for (String note : table.notes()) {
        md.append('\n').append(note.strip()).append('\n');
      }
    }
    Files.writeString(outDir.resolve("benchmarks.md"), md.toString(), StandardCharsets.UTF_8);

    StringBuilder csv =
        new StringBuilder(
            "section,subject,metric,value,unit,samples,ratio_to,ratio,target,verdict\n");
    for (Figure f : figures) {
      csv.append(
              String.join(
                  ",",
                  List.of(
                      csv(f.section()),
                      csv(f.subject()),
                      csv(f.metric()),
                      csv(f.value()),
                      csv(f.unit()),
                      Integer.toString(f.samples()),
                      csv(f.ratioTo()),
                      csv(f.ratio()),
                      csv(f.target()),
                      csv(f.verdict()))))
          .append('\n');
    }
    Files.writeString(outDir.resolve("benchmarks.csv"), csv.toString(), StandardCharsets.UTF_8);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  static String csv(String text) {
    if (text == null) {
      return "";
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
      return '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  static String ms(double nanos) {
    double millis = nanos / 1_000_000.0;
    return String.format(
        Locale.ROOT, millis >= 100 ? "%.0f" : millis >= 10 ? "%.1f" : "%.2f", millis);
  }

  static String ratio(double value) {
    return String.format(Locale.ROOT, "%.2fx", value);
  }

  static String num(double value, int decimals) {
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }

  static String bytes(long n) {
    if (n < 0) {
      return "n/a";
    }
    if (n < 10 * 1024) {
      return String.format(Locale.ROOT, "%,d B", n);
    }
    if (n < 1024L * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
  }
}
