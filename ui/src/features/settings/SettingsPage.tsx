/**
 * 設定: one tab per settings page the role may see. 団体情報, 職員・権限 and J-LIS接続 are admin-only;
 * 休日・閉庁日 is read-only for a supervisor; 文書番号 is a supervisor's or an admin's; the pages not built yet show 準備中.
 */
import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../bindings/Role';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { canEditSettingsPage, visibleSettingsPages, type SettingsPageId } from '../../roles';
import { DocumentNumbersSettings } from './DocumentNumbersSettings';
import { HolidaysSettings } from './HolidaysSettings';
import { JlisSettings } from './JlisSettings';
import { ProfileSettings } from './ProfileSettings';
import { UsersSettings } from './UsersSettings';

export function SettingsPage({ role }: { role: Role }) {
  const { t } = useTranslation();
  const pages = visibleSettingsPages(role);
  const [selected, setSelected] = useState<SettingsPageId | null>(pages[0]?.id ?? null);

  return (
    <Stack gap="md">
      <Title order={2}>{t('settings.title')}</Title>
      <Tabs
        value={selected}
        onChange={(value) => setSelected(value as SettingsPageId | null)}
        keepMounted={false}
        variant="outline"
      >
        <Tabs.List aria-label={t('settings.pagesLabel')}>
          {pages.map(({ id }) => (
            <Tabs.Tab key={id} value={id} data-testid={`settings-${id}-tab`}>
              {t(`settings.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {pages.map(({ id }) => (
          <Tabs.Panel key={id} value={id} pt="lg">
            <SettingsPanel page={id} role={role} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function SettingsPanel({ page, role }: { page: SettingsPageId; role: Role }) {
  const { t } = useTranslation();
  switch (page) {
    case 'profile':
      return <ProfileSettings />;
    case 'users':
      return <UsersSettings />;
    case 'jlis':
      return <JlisSettings />;
    case 'documentNumbers':
      return <DocumentNumbersSettings />;
    case 'holidays':
      return <HolidaysSettings canEdit={canEditSettingsPage(role, page)} />;
    default:
      return <PlaceholderPage area={t(`settings.${page}`)} headingLevel={3} />;
  }
}
