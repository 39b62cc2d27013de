import type { BankAccount } from '../../bindings/BankAccount';
import type { MunicipalityProfile } from '../../bindings/MunicipalityProfile';

/** A profile field as the core names it in `ApiError.field`: `contact_phone`, `bank.account_number`. */
export type ProfileField =
  | Exclude<keyof MunicipalityProfile, 'bank'>
  | `bank.${keyof BankAccount}`;

export const profileFields: readonly ProfileField[] = [
  'code',
  'name',
  'mayor_title',
  'mayor_name',
  'postal_code',
  'address',
  'department',
  'contact_name',
  'contact_phone',
  'contact_email',
  'bank.bank_name',
  'bank.branch_name',
  'bank.account_type',
  'bank.account_number',
  'bank.account_holder',
];

export function isProfileField(value: string | null | undefined): value is ProfileField {
  return !!value && (profileFields as readonly string[]).includes(value);
}

export function readField(profile: MunicipalityProfile, field: ProfileField): string {
  if (field.startsWith('bank.')) {
    return profile.bank[field.slice('bank.'.length) as keyof BankAccount];
  }
  return profile[field as Exclude<keyof MunicipalityProfile, 'bank'>];
}

/** Returns a new profile with one field replaced; the account type is checked by the caller. */
export function writeField(
  profile: MunicipalityProfile,
  field: ProfileField,
  value: string,
): MunicipalityProfile {
  if (field.startsWith('bank.')) {
    const key = field.slice('bank.'.length) as keyof BankAccount;
    return { ...profile, bank: { ...profile.bank, [key]: value } as BankAccount };
  }
  return { ...profile, [field]: value };
}
