import type { Rejection } from '../domain/types';
import type { LogMessage, LogRecord } from '../datasources/log/log';

/**
 * A dead letter keeps the original bytes untouched as its value and says why and where from in
 * headers, the usual Kafka DLQ shape, so a fixed event can be replayed byte for byte.
 */
export function dlqMessage(record: LogRecord, rejection: Rejection): LogMessage {
  return {
    key: record.key,
    value: record.value,
    headers: {
      'dlq.reason': rejection.reason,
      'dlq.field': rejection.field ?? '',
      'dlq.message': rejection.message,
      'dlq.source.topic': record.topic,
      'dlq.source.partition': String(record.partition),
      'dlq.source.offset': record.offset,
      'dlq.source.timestamp': String(record.timestamp),
    },
  };
}
