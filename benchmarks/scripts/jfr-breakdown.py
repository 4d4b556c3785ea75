#!/usr/bin/env python3
"""Per-event breakdown of one stream thread's CPU time from a JFR recording of `segstream bench throughput`
(docs/performance.md). Reads `jfr print` output on stdin; counts Java samples (10 ms apart with settings=profile) and
native samples (20 ms) of the thread whose name contains THREAD during its first SECONDS of samples (the phase),
skipping native samples that only wait (epoll, park, sleep); each sample goes to the first part whose pattern
matches its stack.
Usage: jfr print --events jdk.ExecutionSample,jdk.NativeMethodSample --stack-depth 256 rec.jfr \
         | python3 jfr-breakdown.py '"bench-segments' EVENTS SECONDS"""
import sys, re, collections
thread_sub = sys.argv[1]; events = int(sys.argv[2]); seconds = float(sys.argv[3]) if len(sys.argv) > 3 else 1e9
import datetime
def secs(t):
    h,m,x = t.split(":"); return int(h)*3600+int(m)*60+float(x)
start = None
# (category, regex over the stack text, outermost-first order is irrelevant: first rule that matches wins)
RULES = [
 ("commit / transaction (flush, offsets, commitTransaction)", r"TaskManager\.commit|TaskExecutor\.commit|StreamsProducer\.commitTransaction|TaskManager\.maybeCommit|StreamTask\.prepareCommit|StreamTask\.postCommit|flushCache|ProcessorStateManager\.flush"),
 ("poll / fetch / record deserialisation of input", r"StreamThread\.pollRequests|StreamThread\.pollPhase|KafkaConsumer\.poll|ClassicKafkaConsumer|AsyncKafkaConsumer|RecordQueue\.addRawRecords|RecordDeserializer"),
 ("top items (get/put ItemScore, prune)", r"TopItems\.|TrendingItemScores\."),
 ("training vectors (build + send)", r"SegmentProcessor\.emitVector"),
 ("segment sizes store", r"SegmentProcessor\.count"),
 ("membership index (segment-members)", r"SegmentProcessor\.moveMember|SegmentProcessor\.removeMember"),
 ("change + assignment records (build + send)", r"SegmentProcessor\.emitChange|SinkNode\.process.*\n(?:.*\n)*?.*SegmentProcessor\.reassess"),
 ("sweep (background)", r"SegmentProcessor\.sweepSome|SegmentProcessor\.tick"),
 ("profile: Avro <-> UserState conversion", r"UserStateCodec\."),
 ("profile put: Avro encode", r"(SpecificDatumWriter|GenericDatumWriter|BinaryEncoder|AvroSerde|Serializer\.serialize).*\n(?:.*\n)*?.*MeteredKeyValueStore\.put"),
 ("profile put: changelog send", r"RecordCollectorImpl.*\n(?:.*\n)*?.*MeteredKeyValueStore\.put"),
 ("profile put: RocksDB write / cache", r"MeteredKeyValueStore\.put"),
 ("profile get: Avro decode", r"(SpecificDatumReader|GenericDatumReader|BinaryDecoder|Deserializer\.deserialize).*\n(?:.*\n)*?.*MeteredKeyValueStore\.get"),
 ("profile get: RocksDB read / cache", r"MeteredKeyValueStore\.get"),
 ("feature maths (update, vector)", r"FeatureUpdater\.|FeatureRegistry\.vector|ProfileView"),
 ("assignment (nearest centre, hysteresis)", r"SegmentAssigner\."),
 ("metrics (Micrometer)", r"SegmentMetrics\."),
 ("decode + validate input event (Avro)", r"EventParser\.process|EventValidator"),
 ("other segment processing", r"SegmentProcessor\."),
 ("Kafka Streams record plumbing", r"StreamTask\.process|ProcessorNode|SourceNode|SinkNode|RecordCollector"),
]
RULES = [(n, re.compile(r)) for n, r in RULES]
counts = collections.Counter(); total = 0.0; exec_n = 0; native_n = 0
cur = None; in_stack = False; stack = []; kind = None
for line in sys.stdin:
    s = line.strip()
    if s.startswith("jdk.ExecutionSample") or s.startswith("jdk.NativeMethodSample"):
        kind = "exec" if "Execution" in s else "native"; cur = None; stack = []; in_stack = False; continue
    if s.startswith("startTime"):
        tcur = secs(s.split("=")[1].strip().split(" ")[0]); continue
    if s.startswith("sampledThread"):
        cur = s; continue
    if s.startswith("stackTrace = ["):
        in_stack = True; continue
    if in_stack:
        if s == "]" or s.startswith("]"):
            in_stack = False
            idle = kind == "native" and re.search(r"EPoll\.wait|Object\.wait|Unsafe\.park|Thread\.sleep", "\n".join(stack[:3]))
            if cur and thread_sub in cur and start is None:
                start = tcur
            if cur and thread_sub in cur and not idle and tcur - start <= seconds:
                text = "\n".join(stack)
                w = 10.0 if kind == "exec" else 20.0  # ms per sample (profile settings)
                if kind == "exec": exec_n += 1
                else: native_n += 1
                cat = "other (JVM, Kafka client, GC safepoints)"
                for n, r in RULES:
                    if r.search(text): cat = n; break
                counts[cat] += w; total += w
        else:
            stack.append(s)
print(f"samples: {exec_n} Java (10 ms) + {native_n} native (20 ms) = {total/1000:.1f} s of stream-thread time, {events:,} events")
print("| part | share | µs per event |\n| --- | ---: | ---: |")
for cat, ms in counts.most_common():
    print(f"| {cat} | {100*ms/total:.1f}% | {1000*ms/events:.2f} |")
print(f"| **total** | 100% | {1000*total/events:.2f} |")
