import { describe, expect, it } from 'vitest';
import { testContainer, testEngine } from '../../test-support/engine.js';
import { initialState } from '../../model/container.js';
import { recordRemoval, removedExitCode } from './removal-record.js';
import { prepareWait, waitContainer } from './wait.js';

const ID = 'a'.repeat(64);
const running = { ...initialState(), Status: 'running' as const, Pid: process.pid, ConmonPid: process.pid, StartCount: 1 };

/** What removeContainer does to the state once the container has exited with `code`. */
function exitAndRemove(e: ReturnType<typeof testEngine>, code: number): void {
  e.state.saveContainerState(ID, { ...running, Status: 'exited', Pid: 0, ConmonPid: 0, ExitCode: code });
  recordRemoval(e, ID, code);
  e.state.deleteContainer(ID);
}

describe('waitContainer', () => {
  it('answers with the exit code of a container removed (--rm) before the wait was read', async () => {
    const e = testEngine();
    e.state.insertContainer(testContainer(ID, 'rm', { State: { ...initialState(), StartCount: 0 } }));
    const waiter = prepareWait(e, { ref: 'rm', condition: 'next-exit' });
    e.state.saveContainerState(ID, running); // started
    exitAndRemove(e, 42); // conmon's exit command: cleanup --rm
    expect(await waiter.wait()).toEqual({ id: ID, StatusCode: 42 });
  });

  it('answers a waiter blocked while the container is removed', async () => {
    const e = testEngine();
    e.state.insertContainer(testContainer(ID, 'rm', { State: running }));
    const pending = waitContainer(e, { ref: 'rm', condition: 'removed' });
    setTimeout(() => exitAndRemove(e, 3), 50);
    expect((await pending).StatusCode).toBe(3);
  });

  it('waits for the removal itself with condition "removed" (an exited container is not enough)', async () => {
    const e = testEngine();
    e.state.insertContainer(testContainer(ID, 'x', { State: { ...running, Status: 'exited', ExitCode: 7 } }));
    const pending = waitContainer(e, { ref: 'x', condition: 'removed' });
    expect(await waitContainer(e, { ref: 'x' })).toEqual({ id: ID, StatusCode: 7 });
    setTimeout(() => { recordRemoval(e, ID, 7); e.state.deleteContainer(ID); }, 50);
    expect((await pending).StatusCode).toBe(7);
  });

  it('still says "no such container" for a container already gone', () => {
    const e = testEngine();
    recordRemoval(e, ID, 1);
    expect(removedExitCode(e, ID)).toBe(1);
    expect(() => prepareWait(e, { ref: ID })).toThrow('No such container');
  });
});
