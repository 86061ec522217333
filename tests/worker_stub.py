"""``python -m snapshots.worker`` with tasks that misbehave on purpose: the
worker-process tests need a task that hangs and one that kills its process."""

from snapshots import worker

worker.TASKS.update(sleep="time:sleep", exit="os:_exit", pid="os:getpid")

if __name__ == "__main__":
    worker.main()
