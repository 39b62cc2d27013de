/**
 * 証明書・提供時間 (第7条, 第8条): the certificates offered at stores with their fees, the service
 * hours, suspensions and maintenance, and the change requests waiting for a supervisor. Everyone
 * reads them; a clerk drafts changes and records suspensions, a supervisor approves or returns.
 */
import { Stack, Tabs, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../../bindings/UserDto';
import type { Allowed } from '../../roles';
import { CatalogueTab } from './CatalogueTab';
import { ChangesTab } from './ChangesTab';
import { HoursTab } from './HoursTab';
import { SuspensionsTab } from './SuspensionsTab';

const tabs = ['catalogue', 'hours', 'suspensions', 'changes'] as const;
type TabId = (typeof tabs)[number];

export function CertificatesPage({ user, allowed }: { user: UserDto; allowed: Allowed }) {
  const { t } = useTranslation();
  const [selected, setSelected] = useState<TabId>('catalogue');

  return (
    <Stack gap="md" data-testid="certificates-page">
      <Title order={2}>{t('certificates.title')}</Title>
      <Tabs
        value={selected}
        onChange={(value) => value && setSelected(value as TabId)}
        keepMounted={false}
        variant="outline"
      >
        <Tabs.List aria-label={t('certificates.tabsLabel')}>
          {tabs.map((id) => (
            <Tabs.Tab key={id} value={id} data-testid={`certificates-${id}-tab`}>
              {t(`certificates.tabs.${id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="catalogue" pt="lg">
          <CatalogueTab allowed={allowed} />
        </Tabs.Panel>
        <Tabs.Panel value="hours" pt="lg">
          <HoursTab allowed={allowed} />
        </Tabs.Panel>
        <Tabs.Panel value="suspensions" pt="lg">
          <SuspensionsTab allowed={allowed} />
        </Tabs.Panel>
        <Tabs.Panel value="changes" pt="lg">
          <ChangesTab user={user} allowed={allowed} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
