import { defaultProgramSettings, programSettingsSchema } from '../../../shared/programs/program-settings';

describe('programSettingsSchema', () => {
  it('accepts the defaults', () => {
    expect(programSettingsSchema.safeParse(defaultProgramSettings()).success).toBe(true);
  });

  it('refuses the same Attio attribute mapped twice, naming the row', () => {
    // Prepare
    const settings = defaultProgramSettings();
    settings.partners.fieldMappings.push({ partneroField: 'name', attioAttribute: 'name' });
    // Act
    const result = programSettingsSchema.safeParse(settings);
    // Assess
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['partners', 'fieldMappings', 2, 'attioAttribute']);
  });

  it('refuses a target object that is not an Attio api slug', () => {
    const settings = defaultProgramSettings();
    settings.partners.targetObject = 'People Object';
    expect(programSettingsSchema.safeParse(settings).success).toBe(false);
  });
});
