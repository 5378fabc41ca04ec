import { describe, expect, it } from 'vitest';
import { clientConfig, parseTeamUrl, teamUrlOf } from '../../../electron/core/team/team-connection';

describe('a team database URL', () => {
  it('keeps the password apart and verifies TLS unless told sslmode=disable', () => {
    const { address, password } = parseTeamUrl('postgres://agent:s%40cret@db.example.com/lastmile');
    expect(password).toBe('s@cret');
    expect(address).toEqual({ host: 'db.example.com', port: 5432, database: 'lastmile', user: 'agent', tls: true });
    expect(teamUrlOf(address)).toBe('postgres://agent@db.example.com:5432/lastmile');
    expect(clientConfig(address, password).ssl).toEqual({ rejectUnauthorized: true, servername: 'db.example.com' });
    expect(parseTeamUrl('postgresql://a@db:6543/x?sslmode=require').address.tls).toBe(true);
    const local = parseTeamUrl('postgres://a@127.0.0.1:6543/x?sslmode=disable').address;
    expect(clientConfig(local, null).ssl).toBe(false);
    expect(teamUrlOf(local)).toBe('postgres://a@127.0.0.1:6543/x?sslmode=disable');
  });

  it('refuses what is not a usable PostgreSQL address, saying how to write one', () => {
    for (const url of [
      'db.example.com',
      'mysql://a@b/c',
      'postgres://db.example.com/x',
      'postgres://a@b/c?sslmode=allow',
    ]) {
      expect(() => parseTeamUrl(url), url).toThrow(
        expect.objectContaining({
          appError: expect.objectContaining({ code: 'invalid_team_database', key: 'teamDatabaseUrl' }),
        }),
      );
    }
  });
});
