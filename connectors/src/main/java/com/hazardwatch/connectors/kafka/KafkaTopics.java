package com.hazardwatch.connectors.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/** Creates HazardWatch's topics explicitly (the brokers do not auto-create, so a misspelt topic fails loudly). */
public final class KafkaTopics {
    private KafkaTopics() {}

    public static void ensure(String bootstrap, int partitions, String... topics) {
        ensure(bootstrap, partitions, Map.of(), topics);
    }

    /** Creates the topics that are missing with these topic configs (e.g. cleanup.policy=compact); existing ones are left as they are. */
    public static void ensure(String bootstrap, int partitions, Map<String, String> configs, String... topics) {
        ensure(bootstrap, new Properties(), partitions, configs, topics);
    }

    /** As {@link #ensure(String, int, Map, String...)} with the client security properties of {@link KafkaClients#security}. */
    public static void ensure(String bootstrap, Properties security, int partitions, Map<String, String> configs, String... topics) {
        try (Admin admin = Admin.create(adminProperties(bootstrap, security))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String t : topics) {
                if (!existing.contains(t)) {
                    missing.add(new NewTopic(t, partitions, (short) 1).configs(configs));
                }
            }
            if (missing.isEmpty()) {
                return;
            }
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka topics " + String.join(", ", topics) + " on " + bootstrap
                    + ": " + (e.getCause() == null ? e : e.getCause()) + " (is Kafka up? bin/hazardwatch stack status)", e);
        }
    }

    /** The effective configuration of a topic (broker defaults included), or empty when there is no such topic. */
    public static Optional<Map<String, String>> config(String bootstrap, String topic) {
        return config(bootstrap, new Properties(), topic);
    }

    /** As {@link #config(String, String)} with the client security properties of {@link KafkaClients#security}. */
    public static Optional<Map<String, String>> config(String bootstrap, Properties security, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(adminProperties(bootstrap, security))) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
            Map<String, String> m = new HashMap<>();
            for (ConfigEntry e : config.entries()) {
                m.put(e.name(), e.value());
            }
            return Optional.of(m);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new IllegalStateException("cannot read the configuration of Kafka topic " + topic + " on " + bootstrap + ": "
                    + e.getCause() + " (is Kafka up? bin/hazardwatch stack status)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the configuration of Kafka topic " + topic, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot read the configuration of Kafka topic " + topic + " on " + bootstrap
                    + ": no answer in 30 s (is Kafka up? bin/hazardwatch stack status)", e);
        }
    }

    private static Properties adminProperties(String bootstrap, Properties security) {
        Properties p = new Properties();
        p.putAll(security);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        return p;
    }
}
