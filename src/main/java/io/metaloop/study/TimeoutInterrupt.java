package io.metaloop.study;

/**
 * Interrupts the thread that evaluates a trial when the trial's time limit passes, so that an
 * objective blocked in {@code sleep}, {@code wait}, {@code join} or interruptible I/O stops. Open
 * it on the evaluating thread just before the objective and close it right after, before the
 * outcome is stored: closing cancels the timer and clears an interrupt it caused and the
 * objective did not consume, so the next trial of that thread starts uninterrupted.
 */
final class TimeoutInterrupt implements AutoCloseable {

    private final Thread worker = Thread.currentThread();
    private final Trial.TimeoutWatch watch;
    private boolean closed;
    private boolean fired;

    TimeoutInterrupt(Trial trial) {
        this.watch = trial.onTimeout(this::fire);
    }

    private synchronized void fire() {
        if (!closed) {
            fired = true;
            worker.interrupt();
        }
    }

    @Override
    public void close() {
        watch.close();
        synchronized (this) {
            closed = true;
            if (fired) {
                Thread.interrupted();
            }
        }
    }
}
