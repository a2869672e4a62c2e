import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { Locale } from '@qorgau/core';
import { ApiError, get, post, put, setCsrfToken } from '../api.ts';
import i18n, { isLocale, rememberLocale } from '../i18n/index.ts';
import type { User } from '../types.ts';

/**
 * Who is signed in. `user` is null only when the server refuses even /auth/me until a second
 * factor is enrolled; `enrolmentRequired` sends the user to TOTP enrolment before anything else.
 */
export interface Session {
  user: User | null;
  enrolmentRequired: boolean;
}

export const SESSION_KEY = ['session'] as const;

interface MeResponse {
  user: User;
  /** null when the caller used a Bearer token rather than the cookie */
  csrfToken: string | null;
  totpEnrollmentRequired?: boolean;
}

export interface LoginResponse {
  token: string;
  csrfToken: string;
  user: User;
  /** the role requires a second factor this user has not set up: only enrolment is allowed */
  totpEnrollmentRequired?: boolean;
}

/** After "Sign out" the sign-in page should not offer to return to the last screen. */
let signedOutByUser = false;

export function wasSignedOutByUser(): boolean {
  return signedOutByUser;
}

/** Set when someone picks a language on the sign-in page; it then wins over the stored one. */
let localeChosenBeforeSignIn: Locale | null = null;

export function chooseLocaleBeforeSignIn(locale: Locale): void {
  localeChosenBeforeSignIn = locale;
}

async function fetchSession(): Promise<Session | null> {
  try {
    const me = await get<MeResponse>('/v1/auth/me');
    setCsrfToken(me.csrfToken);
    if (isLocale(me.user.locale) && me.user.locale !== i18n.resolvedLanguage) {
      await i18n.changeLanguage(me.user.locale);
      rememberLocale(me.user.locale);
    }
    return { user: me.user, enrolmentRequired: me.totpEnrollmentRequired === true };
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    if (error instanceof ApiError && error.code === 'totp_enrollment_required') return { user: null, enrolmentRequired: true };
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: Infinity, retry: false });
}

/** The signed-in user; only for screens inside the signed-in shell. */
export function useUser(): User {
  const { data } = useSession();
  if (!data?.user) throw new Error('useUser outside a signed-in session');
  return data.user;
}

export function setSession(client: QueryClient, session: Session | null): void {
  client.setQueryData<Session | null>(SESSION_KEY, () => session);
}

export function updateSessionUser(client: QueryClient, user: User): void {
  client.setQueryData<Session | null>(SESSION_KEY, (old) => ({
    user,
    enrolmentRequired: (old?.enrolmentRequired ?? false) && !user.totpEnabled,
  }));
}

/** After a successful sign-in: keep the CSRF token, settle the language, and show the app. */
export async function completeSignIn(client: QueryClient, response: LoginResponse): Promise<void> {
  setCsrfToken(response.csrfToken);
  signedOutByUser = false;
  let user = response.user;
  const chosen = localeChosenBeforeSignIn;
  localeChosenBeforeSignIn = null;
  if (chosen && chosen !== user.locale) {
    try {
      user = (await put<{ user: User }>('/v1/auth/me/locale', { locale: chosen })).user;
    } catch {
      // the language still applies in this browser; the server keeps the old one
    }
  } else if (isLocale(user.locale) && user.locale !== i18n.resolvedLanguage) {
    await i18n.changeLanguage(user.locale);
    rememberLocale(user.locale);
  }
  setSession(client, { user, enrolmentRequired: response.totpEnrollmentRequired === true });
}

export function useSignOut(): () => Promise<void> {
  const client = useQueryClient();
  return async () => {
    try {
      await post('/v1/auth/logout');
    } catch {
      // signed out locally whatever the server says
    }
    setCsrfToken(null);
    signedOutByUser = true;
    forgetSession(client);
  };
}

/** Back to signed-out: the shell unmounts first, then every cached answer of the old session goes. */
export function forgetSession(client: QueryClient): void {
  setSession(client, null);
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_KEY[0] });
}

/** Switches the language now, remembers it in this browser and, when signed in, on the server. */
export function useChangeLanguage(): (locale: Locale) => Promise<void> {
  const client = useQueryClient();
  return async (locale) => {
    await i18n.changeLanguage(locale);
    rememberLocale(locale);
    const session = client.getQueryData<Session | null>(SESSION_KEY);
    if (!session) {
      chooseLocaleBeforeSignIn(locale);
      return;
    }
    if (!session.user || session.user.locale === locale) return;
    try {
      const { user } = await put<{ user: User }>('/v1/auth/me/locale', { locale });
      updateSessionUser(client, user);
    } catch {
      // kept in this browser; the server copy is updated next time
    }
  };
}
