package bloghome.skins.validator;

import bloghome.skins.SkinSlot;
import bloghome.skins.validator.image.ByteSource;
import bloghome.skins.validator.image.ImageInspector;
import bloghome.skins.validator.image.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Inspects one file and prints the verdict; {@link InspectionMemoryTest} runs it in a JVM of its
 * own with a capped heap, so that "fits in N MB" is proven by running in N MB.
 */
public final class CappedInspection {
  private CappedInspection() {}

  public static void main(String[] args) throws Exception {
    byte[] bytes = Files.readAllBytes(Path.of(args[2]));
    try {
      Verdict verdict =
          new ImageInspector()
              .inspect(SkinSlot.valueOf(args[0]), args[1], bytes.length, ByteSource.of(bytes));
      System.out.println(verdict instanceof Verdict.Accepted ? "ACCEPTED" : "REJECTED " + verdict);
    } catch (OutOfMemoryError e) {
      System.out.println("OUT_OF_MEMORY");
      System.exit(2);
    }
  }
}
