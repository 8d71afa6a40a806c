"""Run Monte Carlo chunks on Dask: a LocalCluster or an existing scheduler.

Workers rebuild the Brightway project from the shipped files if their store
lacks it (same data hash, same numbers); chunks are seeded by their index, so
the result equals the single-process run for the same seed.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket

from carbonev.errors import CalculationError, os_cause

LOOPBACK_TIMEOUT_S = 2.0


def check_loopback(option: str = "local", timeout: float = LOOPBACK_TIMEOUT_S) -> None:
    """A LocalCluster talks over 127.0.0.1: connect to ourselves there first, so a machine with the
    loopback interface down fails at once with one line, not after Dask's 30 s of retries
    [raises CalculationError]."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            with socket.create_connection(server.getsockname(), timeout=timeout):
                pass
    except OSError as exc:
        raise CalculationError(f"--scheduler {option}: cannot reach the loopback interface 127.0.0.1 "
                               f"({os_cause(exc)}); run without --scheduler, or give a scheduler address") from None


def _client(scheduler: str):
    """'local' (one worker per core, at most 8), 'local:N' (N workers) or a scheduler address."""
    from carbonev.extras import require

    require("parallel", "--scheduler")
    from dask.distributed import Client, LocalCluster

    if scheduler == "local" or scheduler.startswith("local:"):
        check_loopback(scheduler)
        count = scheduler.partition(":")[2]
        workers = int(count) if count.isdigit() and int(count) > 0 else max(1, min(os.cpu_count() or 1, 8))
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=40)
        except (OSError, TimeoutError) as exc:
            raise CalculationError(f"--scheduler {scheduler}: the Dask cluster did not start ({os_cause(exc)})") \
                from None
        return Client(cluster), cluster
    try:
        return Client(scheduler), None
    except (OSError, TimeoutError) as exc:
        raise CalculationError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({os_cause(exc)})") from None
    except ValueError as exc:
        raise CalculationError(f"--scheduler: not a scheduler address ({str(exc)[:80]})") from None


@contextlib.contextmanager
def client_for(scheduler: str):
    """A Dask client for ``scheduler`` ('local' starts and stops a LocalCluster)."""
    client, cluster = _client(scheduler)
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def map_chunks(run_chunk, job, scheduler: str, progress=None) -> list:
    """``run_chunk(job, c)`` for every chunk of ``job``, on Dask, in chunk order."""
    from dask.distributed import as_completed

    with client_for(scheduler) as client:
        futures = client.map(run_chunk, [job] * job.chunks, range(job.chunks), pure=False)
        index = {f.key: i for i, f in enumerate(futures)}
        results = [None] * job.chunks
        for future in as_completed(futures):
            i = index[future.key]
            results[i] = future.result()
            if progress:
                progress(len(job.chunk_range(i)))
        return results
