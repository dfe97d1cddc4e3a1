import type { ChannelTestResultView } from '@switchboard/contracts';

/** The provider's answer in the words the API chose: what works, or what to fix. */
export function ChannelTestOutcome({ result }: { result: ChannelTestResultView }) {
  return result.ok ? (
    <p role="status" className="test-ok">
      Connection works. {result.detail}
    </p>
  ) : (
    <p role="alert" className="form-error">
      Connection failed. {result.reason}
    </p>
  );
}
