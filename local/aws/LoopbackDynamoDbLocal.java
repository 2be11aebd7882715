// Starts AWS's DynamoDB Local bound to 127.0.0.1 only.
//
// DynamoDB Local has no bind option (`-help` lists none): its DynamoDBProxyServer builds Jetty's
// `new Server(port)`, whose one connector listens on every interface, so anyone on the network could
// rewrite the local table. This launcher (run as a single source file, `java -cp <jar> this.java`,
// so nothing needs compiling ahead) builds the server from the usual command-line arguments, points
// that connector at 127.0.0.1 before it opens its socket, and only then starts it. If a future
// DynamoDB Local changes its internals the launcher stops with an error instead of listening wide.
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field serverField = DynamoDBProxyServer.class.getDeclaredField("server");
    serverField.setAccessible(true);
    Server server = (Server) serverField.get(proxy);
    Connector[] connectors = server.getConnectors();
    if (connectors.length == 0) throw new IllegalStateException("DynamoDB Local built no connector to bind");
    for (Connector connector : connectors) {
      if (!(connector instanceof ServerConnector)) {
        throw new IllegalStateException("unexpected DynamoDB Local connector: " + connector.getClass().getName());
      }
      ((ServerConnector) connector).setHost("127.0.0.1");
    }
    proxy.start();
  }
}
