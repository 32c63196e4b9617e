enum ShuniuKafkaPlaceholder {}
