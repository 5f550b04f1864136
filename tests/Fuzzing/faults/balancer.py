#!/usr/bin/env python3
"""A TCP load balancer for the fault runs' replicas (scripts/faults.sh leader-kill): one address in
front of several, as a Kubernetes Service or a proxy is in production. Each connection goes to the
next backend in turn; a backend that refuses the connection (a dead replica) is skipped for that
connection, so callers see the replicas that live and never the one that died. Loopback only.

    balancer.py --listen 6401 --backend 6407 --backend 6408
"""
import argparse, asyncio, itertools

p = argparse.ArgumentParser()
p.add_argument("--listen", type=int, required=True)
p.add_argument("--backend", type=int, action="append", required=True)
a = p.parse_args()
turns = itertools.count()


async def pipe(reader, writer):
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        writer.close()


async def serve(client_reader, client_writer):
    first = next(turns)
    for attempt in range(len(a.backend)):
        port = a.backend[(first + attempt) % len(a.backend)]
        try:
            backend_reader, backend_writer = await asyncio.open_connection("127.0.0.1", port)
            break
        except OSError:
            continue
    else:
        client_writer.close()
        return
    await asyncio.gather(pipe(client_reader, backend_writer), pipe(backend_reader, client_writer))


async def main():
    server = await asyncio.start_server(serve, "127.0.0.1", a.listen)
    async with server:
        await server.serve_forever()

asyncio.run(main())
