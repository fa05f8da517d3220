package bloghome.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The gateway's and the event sources' view of a function in the {@link LambdaRuntime}: a handler
 * that sends its event as the JSON Lambda sends (written by the runtime's serialization library,
 * with the same mixins that read it on the other side; S3's JSON by {@link S3EventJson}) and reads
 * the answer's JSON back. A {@link FunctionError} is thrown as the invoker sees it, so the gateway
 * answers 500 and the event sources retry, as with Lambda.
 */
public final class RuntimeHandlers {
  private static final ClassLoader LOADER = RuntimeHandlers.class.getClassLoader();
  private static final PojoSerializer<APIGatewayV2HTTPEvent> HTTP_EVENT =
      LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, LOADER);
  private static final PojoSerializer<APIGatewayV2HTTPResponse> HTTP_RESPONSE =
      LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, LOADER);
  private static final PojoSerializer<DynamodbEvent> STREAM_EVENT =
      LambdaEventSerializers.serializerFor(DynamodbEvent.class, LOADER);

  private RuntimeHandlers() {}

  /** An HTTP API (payload 2.0) function. */
  public static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http(
      LambdaRuntime runtime, String function) {
    return (APIGatewayV2HTTPEvent event, Context context) ->
        HTTP_RESPONSE.fromJson(runtime.invoke(function, httpEventJson(event)));
  }

  /** An S3-notification function; its answer is ignored, as S3 ignores it. */
  public static RequestHandler<S3Event, Object> s3(LambdaRuntime runtime, String function) {
    return (S3Event event, Context context) ->
        runtime.invoke(function, S3EventJson.eventJson(event));
  }

  /** A DynamoDB-stream function; a batch fails when it throws (no partial batch responses). */
  public static RequestHandler<DynamodbEvent, Object> stream(
      LambdaRuntime runtime, String function) {
    return (DynamodbEvent event, Context context) ->
        runtime.invoke(function, toJson(STREAM_EVENT, event));
  }

  /** The JSON API Gateway sends for a payload 2.0 event. */
  public static String httpEventJson(APIGatewayV2HTTPEvent event) {
    return toJson(HTTP_EVENT, event);
  }

  private static <T> String toJson(PojoSerializer<T> serializer, T value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    serializer.toJson(value, out);
    return out.toString(StandardCharsets.UTF_8);
  }
}
