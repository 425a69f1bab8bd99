package io.streamlytics.console.alerts.service;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamlytics.console.alerts.domain.Channel;

/** Sends one message to one kind of channel; an exception's message is the delivery's error. */
interface ChannelSender {
    void send(Channel channel, long deliveryId, JsonNode payload) throws Exception;
}
