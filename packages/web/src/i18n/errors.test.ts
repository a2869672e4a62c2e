import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.ts';
import { fieldErrors, otherDetails } from './errors.ts';

describe('field errors', () => {
  const error = new ApiError('validation_failed', 'Invalid querystring', [
    { path: 'querystring.userId', message: 'must be a UUID' },
    { path: 'body.username', message: 'too short' },
    { path: 'incidents.0.victims.0.iin', message: 'bad check digit' },
  ], 400);

  it('maps details to fields, without the location prefix', () => {
    expect(fieldErrors(error)).toEqual({ userId: 'must be a UUID', username: 'too short', 'incidents.0.victims.0.iin': 'bad check digit' });
  });

  it('lists the details no field shows', () => {
    expect(otherDetails(error, ['userId', 'username'])).toEqual(['incidents.0.victims.0.iin: bad check digit']);
    expect(fieldErrors(new Error('x'))).toEqual({});
  });
});
