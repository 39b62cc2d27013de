import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { currentLanguage, isLanguage } from '../i18n';

/** 日本語 / English. Each label is written in its own language so anyone can find theirs. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={currentLanguage()}
      onChange={(value) => {
        if (isLanguage(value)) void i18n.changeLanguage(value);
      }}
      data={[
        { value: 'ja', label: <span lang="ja">{t('language.ja')}</span> },
        { value: 'en', label: <span lang="en">{t('language.en')}</span> },
      ]}
    />
  );
}
