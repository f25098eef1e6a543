import { describe, expect, it } from 'vitest';
import { applyChanges, expandWord, splitWords } from './change-commands.js';

describe('--change', () => {
  it('applies the import example the way Docker 20.10 did', () => {
    const c = applyChanges({}, ['CMD ["sh"]', 'ENV A=1 B=2', 'EXPOSE 80/tcp 443', 'LABEL x=y', 'WORKDIR /w', 'USER nobody', 'VOLUME /data', 'ENTRYPOINT echo hi', 'ONBUILD RUN x']);
    expect(c).toEqual({
      Cmd: ['sh'], Env: ['A=1', 'B=2'], ExposedPorts: { '80/tcp': {}, '443/tcp': {} }, Labels: { x: 'y' }, WorkingDir: '/w',
      User: 'nobody', Volumes: { '/data': {} }, Entrypoint: ['/bin/sh', '-c', 'echo hi'], OnBuild: ['RUN x'],
    });
  });

  it('resets CMD when ENTRYPOINT comes without one', () => {
    expect(applyChanges({ Cmd: ['sh'] }, ['ENTRYPOINT ["/bin/app"]'])).toEqual({ Cmd: null, Entrypoint: ['/bin/app'] });
  });

  it('replaces ENV in place, supports the legacy form and $VAR expansion', () => {
    const c = applyChanges({ Env: ['PATH=/bin', 'A=old'] }, ['ENV A new value', 'ENV P=$PATH:/x Q="a b" R=${NOPE:-d}']);
    expect(c.Env).toEqual(['PATH=/bin', 'A=new value', 'P=/bin:/x', 'Q=a b', 'R=d']);
  });

  it('resolves relative WORKDIR against the current one', () => {
    expect(applyChanges({ WorkingDir: '/a' }, ['WORKDIR b/../c']).WorkingDir).toBe('/a/c');
  });

  it('expands port ranges and JSON volumes', () => {
    const c = applyChanges({}, ['EXPOSE 8000-8001/udp', 'VOLUME ["/v1", "/v2"]']);
    expect(Object.keys(c.ExposedPorts!)).toEqual(['8000/udp', '8001/udp']);
    expect(Object.keys(c.Volumes!)).toEqual(['/v1', '/v2']);
  });

  it('parses HEALTHCHECK', () => {
    expect(applyChanges({}, ['HEALTHCHECK --interval=5s --retries=3 CMD curl -f x']).Healthcheck).toEqual({ Interval: 5e9, Retries: 3, Test: ['CMD-SHELL', 'curl -f x'] });
    expect(applyChanges({}, ['HEALTHCHECK NONE']).Healthcheck).toEqual({ Test: ['NONE'] });
  });

  it.each([
    ['STOPSIGNAL SIGTERM', 'stopsignal is not a valid change command'],
    ['RUN echo', 'run is not a valid change command'],
    ['USER a b', 'USER requires exactly one argument'],
    ['ENV', 'ENV requires at least one argument'],
    ['ENV A', 'ENV must have two arguments'],
    ['EXPOSE abc', 'invalid containerPort: abc'],
    ['ONBUILD ONBUILD RUN x', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed'],
  ])('rejects %s', (change, message) => expect(() => applyChanges({}, [change])).toThrow(message));

  it('splits and expands words like the Dockerfile shell lexer', () => {
    expect(splitWords(`a="b c" 'd e' f\\ g`)).toEqual(['a="b c"', "'d e'", 'f\\ g']);
    expect(expandWord(`"$X"'$X'\\$X`, ['X=1'])).toBe('1$X$X');
  });
});
