package bloghome.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the intrinsic functions the local stack meets in environment variables and names ({@code
 * Ref}, {@code Fn::Sub}, {@code Fn::GetAtt}, {@code Fn::Join}) to local values.
 */
final class TemplateValues {
  private static final Pattern SUB = Pattern.compile("\\$\\{([^}!][^}]*)}");

  private final Map<String, Object> values = new LinkedHashMap<>();

  TemplateValues(String stackName, String region, String accountId) {
    values.put("AWS::StackName", stackName);
    values.put("AWS::Region", region);
    values.put("AWS::AccountId", accountId);
    values.put("AWS::URLSuffix", "amazonaws.com");
    values.put("AWS::Partition", "aws");
  }

  /** Binds a name ({@code Ref} target, or {@code Logical.Attribute}) to a local value. */
  TemplateValues bind(String name, Object value) {
    values.put(name, value);
    return this;
  }

  boolean isBound(String name) {
    return values.containsKey(name);
  }

  /** The value as a string, or null when the template refers to something with no local meaning. */
  String resolve(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Number || value instanceof Boolean) {
      return String.valueOf(value);
    }
    Map<String, Object> map = SamTemplate.map(value);
    if (map.containsKey("Ref")) {
      Object bound = values.get(String.valueOf(map.get("Ref")));
      return bound == null ? null : join(bound);
    }
    if (map.containsKey("Fn::GetAtt")) {
      List<Object> parts = SamTemplate.list(map.get("Fn::GetAtt"));
      Object bound = parts.size() == 2 ? values.get(parts.get(0) + "." + parts.get(1)) : null;
      return bound == null ? null : join(bound);
    }
    if (map.containsKey("Fn::Sub")) {
      Object sub = map.get("Fn::Sub");
      String text;
      Map<String, Object> locals = Map.of();
      if (sub instanceof List<?> list && !list.isEmpty()) {
        text = String.valueOf(list.get(0));
        locals = list.size() > 1 ? SamTemplate.map(list.get(1)) : Map.of();
      } else {
        text = String.valueOf(sub);
      }
      Matcher m = SUB.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        String replacement = locals.containsKey(name) ? resolve(locals.get(name)) : null;
        if (replacement == null && values.containsKey(name)) {
          replacement = join(values.get(name));
        }
        if (replacement == null) {
          return null;
        }
        m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(sb);
      return sb.toString();
    }
    if (map.containsKey("Fn::Join")) {
      List<Object> args = SamTemplate.list(map.get("Fn::Join"));
      if (args.size() == 2) {
        StringBuilder sb = new StringBuilder();
        List<Object> items = SamTemplate.list(args.get(1));
        for (int i = 0; i < items.size(); i++) {
          if (i > 0) {
            sb.append(args.get(0));
          }
          String part = resolve(items.get(i));
          if (part == null) {
            return null;
          }
          sb.append(part);
        }
        return sb.toString();
      }
    }
    return null;
  }

  private static String join(Object value) {
    if (value instanceof List<?> list) {
      StringBuilder sb = new StringBuilder();
      for (Object o : list) {
        if (sb.length() > 0) {
          sb.append(',');
        }
        sb.append(o);
      }
      return sb.toString();
    }
    return String.valueOf(value);
  }
}
