import { maskEmail, maskName, maskPhone } from '../../../src/auth/masking';

test.each([
  ['Johanna', 'J***'],
  ['  li', 'l***'],
  ['Émilie', 'É***'],
  ['', ''],
  [null, null],
])('maskName(%p) = %p', (input, output) => {
  expect(maskName(input)).toBe(output);
});

test.each([
  ['john.doe@example.com', 'j***@example.com'],
  ['a@b.io', 'a***@b.io'],
  ['no-at-sign', '***'],
  ['@example.com', '***'],
  [null, null],
])('maskEmail(%p) = %p', (input, output) => {
  expect(maskEmail(input)).toBe(output);
});

test.each([
  ['+44 20 7946 0989', '+*******89'],
  ['+15551234589', '+*******89'],
  ['(555) 123-4567', '*******67'],
  ['123', '*******'],
  [null, null],
])('maskPhone(%p) = %p', (input, output) => {
  expect(maskPhone(input)).toBe(output);
});
