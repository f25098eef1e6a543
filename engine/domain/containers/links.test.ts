import { describe, expect, it } from 'vitest';
import { defaultHostConfig } from '../../model/defaults.js';
import { testContainer, testEngine } from '../../test-support/engine.js';
import { linkHostEntries, registerLinks } from './links.js';

describe('legacy links', () => {
  const setup = () => {
    const e = testEngine();
    const db = testContainer('d'.repeat(64), 'db');
    db.State = { ...db.State, Status: 'running' };
    e.state.insertContainer(db);
    return e;
  };
  it('are stored as Docker stores them and refused when the target does not exist', () => {
    const e = setup();
    const hc = { ...defaultHostConfig(), Links: ['db:data', 'db'] };
    registerLinks(e, hc, 'web');
    expect(hc.Links).toEqual(['/db:/web/data', '/db:/web/db']);
    expect(() => registerLinks(e, { ...defaultHostConfig(), Links: ['nope:x'] }, 'web')).toThrow('could not get container for nope: No such container: nope');
    const userNet = { ...defaultHostConfig(), NetworkMode: 'app', Links: ['nope:x'] };
    registerLinks(e, userNet, 'web');
    expect(userNet.Links).toEqual(['nope:x']);
  });
  it('become /etc/hosts lines for running targets (alias, short id, name)', () => {
    const e = setup();
    const hc = { ...defaultHostConfig(), Links: ['/db:/web/data', '/db:/web/db'] };
    expect(linkHostEntries(e, hc, () => '10.87.0.5')).toEqual([
      { ip: '10.87.0.5', names: `data ${'d'.repeat(12)} db` }, { ip: '10.87.0.5', names: `db ${'d'.repeat(12)}` },
    ]);
    e.state.saveContainerState('d'.repeat(64), { ...e.state.getContainer('d'.repeat(64))!.State, Status: 'exited' });
    expect(() => linkHostEntries(e, hc, () => '10.87.0.5')).toThrow('Cannot link to a non running container: /db AS /web/data');
  });
});
