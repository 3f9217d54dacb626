package dev.handwritten.mnist.report;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The published schema of metrics.json, {@code docs/metrics.schema.json}, as a validator. */
public final class MetricsSchema {
  /** Where the schema lives, from the mnist-app module's folder (the tests' working directory). */
  public static final Path FILE = Path.of("../docs/metrics.schema.json");

  private static final Schema SCHEMA = load();

  private MetricsSchema() {}

  /** What is wrong with {@code json} against the schema, one line per problem; empty if valid. */
  public static List<String> problems(String json) {
    return SCHEMA.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
  }

  private static Schema load() {
    try {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(Files.readString(FILE), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
