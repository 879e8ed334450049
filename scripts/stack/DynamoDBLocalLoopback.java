// Starts DynamoDB Local bound to one address (127.0.0.1) instead of all interfaces.
//
// DynamoDB Local 3.x has no bind-address option: DynamoDBProxyServer does `new Server(port)`, and a
// Jetty connector without a host listens on 0.0.0.0. This launcher builds the server the same way
// ServerRunner.main does, sets the host on the Jetty connector before start(), and fails (exit 2)
// rather than falling back to 0.0.0.0 if the DynamoDB Local internals ever change.
//
// Compiled once by scripts/stack/up.sh against the DynamoDB Local classpath and cached next to it.
// Usage: java -cp '<lib>/*:<this class dir>' DynamoDBLocalLoopback <host> <ServerRunner args...>

import java.io.File;
import java.lang.reflect.Field;
import java.util.Arrays;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.CommandLineInput;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.monitoring.Telemetry;
import software.amazon.dynamodb.services.local.monitoring.TelemetryUtil;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public final class DynamoDBLocalLoopback {
  private DynamoDBLocalLoopback() {}

  public static void main(String[] argv) throws Exception {
    if (argv.length < 1) {
      System.err.println("usage: DynamoDBLocalLoopback <host> [ServerRunner args...]");
      System.exit(64);
    }
    String host = argv[0];
    String[] args = Arrays.copyOfRange(argv, 1, argv.length);

    CommandLineInput input = new CommandLineInput(args);
    if (!input.init()) {
      System.exit(64); // -help / -version / bad args: ServerRunner already printed why
    }
    // Same telemetry set-up as ServerRunner.main; with -disableTelemetry it sends nothing.
    Telemetry.configureTelemetry(
        TelemetryUtil.getSetupType(new File("/.dockerenv"), new File("pom.xml")),
        ServerRunner.getSetupMode(input),
        TelemetryUtil.isTelemetryEnabled(input.isDisableTelemetry()));

    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Server jetty;
    try {
      Field f = DynamoDBProxyServer.class.getDeclaredField("server");
      f.setAccessible(true);
      jetty = (Server) f.get(proxy);
    } catch (ReflectiveOperationException | ClassCastException e) {
      System.err.println("DynamoDBLocalLoopback: cannot reach the Jetty server to bind it to " + host + ": " + e);
      System.exit(2);
      return;
    }
    Connector[] connectors = jetty.getConnectors();
    if (connectors.length == 0) {
      System.err.println("DynamoDBLocalLoopback: DynamoDB Local has no Jetty connector to bind");
      System.exit(2);
    }
    for (Connector c : connectors) {
      if (!(c instanceof ServerConnector)) {
        System.err.println("DynamoDBLocalLoopback: unexpected connector type " + c.getClass().getName());
        System.exit(2);
      }
      ((ServerConnector) c).setHost(host);
    }
    proxy.start();
    System.out.println("DynamoDB Local listening on " + host + ":" + input.getPort());
    proxy.join();
  }
}
