package bloghome.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads CloudFormation's short-form intrinsic function tags as their long form. */
final class CfnYamlConstructor extends SafeConstructor {
  CfnYamlConstructor() {
    super(new LoaderOptions());
    this.yamlMultiConstructors.put(
        "!",
        new AbstractConstruct() {
          @Override
          public Object construct(Node node) {
            String tag = node.getTag().getValue().substring(1);
            String name = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
            Object value;
            if (node instanceof ScalarNode scalar) {
              String text = constructScalar(scalar);
              value =
                  tag.equals("GetAtt") && text.contains(".")
                      ? List.of(
                          text.substring(0, text.indexOf('.')),
                          text.substring(text.indexOf('.') + 1))
                      : text;
            } else if (node instanceof SequenceNode seq) {
              value = constructSequence(seq);
            } else {
              value = constructMapping((MappingNode) node);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(name, value);
            return out;
          }
        });
  }
}
