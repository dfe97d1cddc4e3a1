import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from '../../../i18n';
import { fetchFollowers, setFollowing } from '../api/conversations-api';
import { Button } from '../../../components/Button';

/** Follow or unfollow the ticket (for oneself), with who follows it; followers are notified of its changes. */
export function FollowButton({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const key = ['tickets', 'followers', ticketId];
  const followers = useQuery({ queryKey: key, queryFn: () => fetchFollowers(ticketId) });
  const toggle = useMutation({
    mutationFn: (follow: boolean) => setFollowing(ticketId, follow),
    onSuccess: (view) => queryClient.setQueryData(key, view),
  });
  const view = followers.data;
  if (!view) return null;
  const names = view.items.map((f) => f.name).join(', ');
  return (
    <span className="followers">
      <Button
        aria-pressed={view.following}
        disabled={toggle.isPending}
        onClick={() => toggle.mutate(!view.following)}
      >
        {view.following ? t('conversations.unfollow') : t('conversations.follow')}
      </Button>
      {view.items.length > 0 && (
        <span className="followers-list">
          {t('conversations.followedBy', { names, count: view.items.length })}
        </span>
      )}
    </span>
  );
}
