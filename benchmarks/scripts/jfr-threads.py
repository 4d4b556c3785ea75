#!/usr/bin/env python3
"""Busy CPU per thread group of the whole JVM (stream thread, broker, producer I/O...) during a phase of
`segstream bench throughput`: from the first sample of a thread named APP... for SECONDS (docs/performance.md).
Usage: python3 jfr-threads.py PRINTED.txt APP '' EVENTS SECONDS   (PRINTED.txt: the jfr print output)"""
import re, collections, sys
txt=open(sys.argv[1]).read(); app=sys.argv[2]; end=sys.argv[3] if len(sys.argv)>3 else None; events=int(sys.argv[4]) if len(sys.argv)>4 else 0
blocks=re.split(r'\n(?=jdk\.(?:Execution|NativeMethod)Sample)', txt)
recs=[]
for b in blocks:
    m=re.search(r'startTime = (\S+)', b); t=re.search(r'sampledThread = "([^"]*)"', b)
    if not m or not t: continue
    native = b.startswith('jdk.NativeMethodSample')
    idle = native and re.search(r'EPoll\.wait|Object\.wait|Unsafe\.park|Thread\.sleep|accept0|socketRead|\.poll0', b) is not None
    recs.append((m.group(1), t.group(1), native, idle, b))
ts=[r[0] for r in recs if r[1].startswith(app)]
dur=float(sys.argv[5]) if len(sys.argv)>5 else None
lo,hi=min(ts),max(ts)
if end:
    e=[r[0] for r in recs if r[1]=='main' and end in r[4] and r[0]>lo]
    if e: hi=min(e)
if dur:
    h,m,x=lo.split(':'); t=int(h)*3600+int(m)*60+float(x)+dur
    hi=f"{int(t//3600):02d}:{int(t%3600//60):02d}:{t%60:06.3f}"
c=collections.Counter()
for tm,th,nat,idle,_ in recs:
    if lo<=tm<=hi and not idle:
        g=re.sub(r'[0-9a-f]{8}-[0-9a-f-]{27}','*',th); g=re.sub(r'-\d+$','-N',g)
        c[g]+=20 if nat else 10
tot=sum(c.values())
print(app, lo, hi, f"busy {tot/1000:.1f} s" + (f", {1000*tot/events:.1f} µs of CPU per event" if events else ""))
for k,v in c.most_common(8): print(f"{100*v/tot:5.1f}% {v/1000:6.1f}s {k}" + (f"  {1000*v/events:.2f} µs/event" if events else ""))
