/**
 * 設定: one tab per settings page the session's actions show (roles.ts names the action of each);
 * 休日・閉庁日 is read-only without `manage_calendar`; the pages not built yet show 準備中.
 */
import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '../../components/PlaceholderPage';
import { canEditSettingsPage, visibleSettingsPages, type Allowed, type SettingsPageId } from '../../roles';
import { DocumentNumbersSettings } from './DocumentNumbersSettings';
import { HolidaysSettings } from './HolidaysSettings';
import { JlisSettings } from './JlisSettings';
import { ProfileSettings } from './ProfileSettings';
import { UsersSettings } from './UsersSettings';

export function SettingsPage({ allowed }: { allowed: Allowed }) {
  const { t } = useTranslation();
  const pages = visibleSettingsPages(allowed);
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
            <SettingsPanel page={id} allowed={allowed} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function SettingsPanel({ page, allowed }: { page: SettingsPageId; allowed: Allowed }) {
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
      return <HolidaysSettings canEdit={canEditSettingsPage(allowed, page)} />;
    default:
      return <PlaceholderPage area={t(`settings.${page}`)} headingLevel={3} />;
  }
}
