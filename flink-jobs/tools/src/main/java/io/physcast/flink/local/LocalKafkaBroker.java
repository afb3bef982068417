package io.physcast.flink.local;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node Kafka (KRaft, combined broker and controller) running in this JVM from the
 * Maven artifacts, for the local runner and the tests. Transactions work (read_committed).
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;
    private final SecurityProtocol protocol;

    private LocalKafkaBroker(KafkaClusterTestKit cluster, SecurityProtocol protocol) {
        this.cluster = cluster;
        this.protocol = protocol;
    }

    public static LocalKafkaBroker start() throws Exception {
        return start(Map.of(), SecurityProtocol.PLAINTEXT);
    }

    /**
     * A broker whose client listener requires SASL/PLAIN (users {@code plain-admin} / {@code
     * plain-admin-secret} and {@code plain-user1} / {@code plain-user1-secret}); the test kit
     * installs the server's JAAS configuration for this JVM.
     */
    public static LocalKafkaBroker startSaslPlain() throws Exception {
        // the kit turns on an authorizer: the inter-node (PLAINTEXT) principal must be a super
        // user, and authenticated clients may do anything no ACL forbids
        return start(
                Map.of(
                        "super.users", "User:ANONYMOUS;User:plain-admin",
                        "allow.everyone.if.no.acl.found", "true"),
                SecurityProtocol.SASL_PLAINTEXT);
    }

    /** Client settings for a SASL/PLAIN broker. */
    public static Properties saslPlainClient(String user, String password) {
        Properties p = new Properties();
        p.setProperty("security.protocol", "SASL_PLAINTEXT");
        p.setProperty("sasl.mechanism", "PLAIN");
        p.setProperty(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                        + user
                        + "\" password=\""
                        + password
                        + "\";");
        return p;
    }

    /** Starts a broker with extra broker settings and the client listener's protocol. */
    public static LocalKafkaBroker start(Map<String, String> brokerProps, SecurityProtocol protocol)
            throws Exception {
        TestKitNodes nodes =
                new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(protocol)
                        .build();
        KafkaClusterTestKit.Builder b =
                new KafkaClusterTestKit.Builder(nodes)
                        .setConfigProp("offsets.topic.replication.factor", "1")
                        .setConfigProp("offsets.topic.num.partitions", "1")
                        .setConfigProp("transaction.state.log.replication.factor", "1")
                        .setConfigProp("transaction.state.log.min.isr", "1")
                        .setConfigProp("transaction.state.log.num.partitions", "1")
                        .setConfigProp("group.initial.rebalance.delay.ms", "0")
                        .setConfigProp("num.partitions", "1");
        brokerProps.forEach(b::setConfigProp);
        KafkaClusterTestKit cluster = b.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
        return new LocalKafkaBroker(cluster, protocol);
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** Client settings that reach this broker (the admin's credentials where SASL is on). */
    public Properties clientProperties() {
        Properties p =
                protocol == SecurityProtocol.SASL_PLAINTEXT
                        ? saslPlainClient("plain-admin", "plain-admin-secret")
                        : new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers());
        return p;
    }

    /** Creates the topics (one partition each) unless they exist. */
    public void createTopics(int partitions, String... topics) throws Exception {
        try (Admin admin = Admin.create(clientProperties())) {
            for (String t : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(t, partitions, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
    }

    /** Stops the broker side of the node (the controller keeps running), as in a broker crash. */
    public void stopBroker() {
        cluster.brokers().values().forEach(b -> b.shutdown());
    }

    /** Starts the broker again on the same listener. */
    public void startBroker() throws Exception {
        for (var b : cluster.brokers().values()) {
            b.startup();
        }
        cluster.waitForReadyBrokers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
