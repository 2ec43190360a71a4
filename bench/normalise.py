#!/usr/bin/env python3
# Throughput per core-second the server+load-generator pair actually got, from a compare.sh folder:
#   python3 bench/normalise.py RESULTS/compare-...   (median over rounds, ratio to the first server)
# On a shared, pinned core the raw throughput follows how much of the core other tenants left.
import json,glob,sys,statistics,re
base=sys.argv[1]
heads={'echo-latency':'req_per_s','echo-latency@32conns':'req_per_s','echo-throughput':'mb_per_s','echo-throughput@512B':'mb_per_s','chat-fanout':'deliveries_per_s','chat-fanout@200clients':'deliveries_per_s','udp-echo':'dgrams_per_s','udp-echo@1KB':'dgrams_per_s','churn':'conns_per_s'}
import os
servers=sys.argv[2:] or ['netmon','netty-nio','netty-epoll','twisted']
vals={}
for s in servers:
    for rd in sorted(glob.glob(f"{base}/runs/*-{s}-r[0-9]*")):
        for j,h in heads.items():
            try: x=json.load(open(f"{rd}/jobs/{j}.json"))
            except Exception: continue
            share=(x.get('server_cpu_pct',0)+x.get('client_cpu_pct',0))/100
            if share<=0: continue
            vals.setdefault((j,s),[]).append(x[h]/share)
print("| job (headline per core-second the pair got) | " + " | ".join(servers) + " |")
print("|---|" + "---:|"*len(servers))
for j,h in heads.items():
    m={s:statistics.median(vals[(j,s)]) for s in servers if (j,s) in vals}
    n=m[servers[0]]
    cells=[]
    for s in servers:
        v=m[s]; f=f"{v:,.0f}" if v>=100 else f"{v:.1f}"
        cells.append(f if s==servers[0] else f"{f} x{v/n:.2f}")
    print(f"| {j} {h} | " + " | ".join(cells) + " |")
