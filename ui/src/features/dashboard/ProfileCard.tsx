import { Card, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MunicipalityProfile } from '../../bindings/MunicipalityProfile';

/** The municipality as registered: read-only, dense, one row per item. */
export function ProfileCard({ profile }: { profile: MunicipalityProfile }) {
  const { t } = useTranslation();
  const orNone = (value: string) => (value.trim() ? value : t('common.notSet'));
  const mayor = [profile.mayor_title, profile.mayor_name].filter((s) => s.trim()).join(' ');
  const address = [
    profile.postal_code.trim() ? t('profile.postalMark', { code: profile.postal_code }) : '',
    profile.address,
  ]
    .filter((s) => s.trim())
    .join(' ');

  const rows: { label: string; value: ReactNode; testId?: string }[] = [
    { label: t('profile.name'), value: orNone(profile.name), testId: 'dashboard-municipality-name' },
    { label: t('profile.code'), value: orNone(profile.code), testId: 'dashboard-code' },
    { label: t('profile.mayor'), value: orNone(mayor) },
    { label: t('profile.address'), value: orNone(address) },
    { label: t('profile.department'), value: orNone(profile.department) },
    { label: t('profile.contactName'), value: orNone(profile.contact_name), testId: 'dashboard-contact-name' },
    { label: t('profile.contactPhone'), value: orNone(profile.contact_phone), testId: 'dashboard-contact-phone' },
    { label: t('profile.contactEmail'), value: orNone(profile.contact_email), testId: 'dashboard-contact-email' },
  ];

  return (
    <Card component="section" aria-labelledby="dashboard-profile-title" data-testid="dashboard-profile">
      <Title order={3} size="h4" id="dashboard-profile-title" mb="sm">
        {t('dashboard.profileTitle')}
      </Title>
      <Table variant="vertical" layout="fixed" withTableBorder={false} className="kofu-figures">
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.label}>
              <Table.Th w={112} scope="row">
                <Text size="sm" c="dimmed" fw={400}>
                  {row.label}
                </Text>
              </Table.Th>
              <Table.Td>
                <Text size="sm" data-testid={row.testId} style={{ overflowWrap: 'anywhere' }}>
                  {row.value}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}
