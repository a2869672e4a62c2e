import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AgencyType, Role } from '@qorgau/core';
import { get, patch, post, put, withQuery } from '../api.ts';
import type { Items, RoleSetting, User } from '../types.ts';

export interface UserFilter {
  q: string;
  role: Role | '';
  active: '' | 'true' | 'false';
}

export interface NewUser {
  username: string;
  password: string;
  fullName: string;
  role: Role;
  agencyType: AgencyType | null;
  regionCode: string | null;
  districtCode?: string;
  schoolId?: string;
  unitId?: string | null;
  isUnitHead?: boolean;
  email?: string | null;
}

export interface UserChanges {
  fullName?: string;
  role?: Role;
  agencyType?: AgencyType | null;
  regionCode?: string | null;
  districtCode?: string | null;
  schoolId?: string | null;
  unitId?: string | null;
  isUnitHead?: boolean;
  email?: string | null;
  active?: boolean;
}

export function useUsers(filter: UserFilter) {
  return useQuery({
    queryKey: ['users', filter],
    queryFn: () => get<Items<User>>(withQuery('/v1/users', { ...filter })),
    select: (data) => data.items,
    placeholderData: (previous) => previous,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => post<User>('/v1/users', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UserChanges }) => patch<User>(`/v1/users/${encodeURIComponent(id)}`, changes),
    onSuccess: () => client.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      post<void>(`/v1/users/${encodeURIComponent(id)}/password`, { password }),
  });
}

export function useRoleSettings() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: () => get<Items<RoleSetting>>('/v1/roles'),
    select: (data) => data.items,
  });
}

export function useUpdateRoleSetting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ role, requireTotp }: RoleSetting) => put<RoleSetting>(`/v1/roles/${encodeURIComponent(role)}`, { requireTotp }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['roles'] }),
  });
}
